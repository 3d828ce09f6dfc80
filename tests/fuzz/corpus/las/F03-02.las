# LAS format data
~Version Information
VERS.     2.00: CWLS LOG ASCII STANDARD - VERSION 2.0
WRAP.       NO: ONE LINE PER DEPTH STEP
~Well Information
#MNEM   .UNITS    DATA                           DESCRIPTION
#----   ------    ----                           -----------
STRT    .M        2153.8647                     :First Index Value
STOP    .M        9.9060                        :Last Index Value
STEP    .M        0.0000                        :Frame Spacing
NULL    .         -999.2500                     :Absent Value
WELL    .         F/3-2                         :Well Name
FLD     .         WILDCAT                       :Field Name
CNTY    .         NETHERLANDS                   :County
STAT    .         NORTH SEA                     :State
CTRY    .                                       :Country
LOC     .                                       :Location
API     .                                       :API Number
DATE    .                                       :Date
COMP    .         NAM                           :Company Name
SRVC    .                                       :Service Company
~Parameter Information
#MNEM   .UNITS    VALUE                          DESCRIPTION
#----   ------    -----                          -----------
DENS    .         800.                          :
~Curve Information
#MNEM   .UNITS    API CODE                       CURVE DESCRIPTION
#----   ------    --------                       -----------------
DEPT    .M                                      :1     Index curve
SP      .MV                                     :2     IEL   
SN      .OHMM                                   :3     IEL   
ILD     .OHMM                                   :4     IEL   
LLS     .OHMM                                   :5     DLL   
LLD     .OHMM                                   :6     DLL   
MLL     .OHMM                                   :7     MLL   
NPHI    .LPU                                    :8     SNP   
RHOB    .G/C3                                   :9     FDC   
CAL1    .IN                                     :10    FDC   
GR      .GAPI                                   :11    BHC   
DT      .US/F                                   :12    BHC   
CAL2    .IN                                     :13    BHC   
~Ascii Log Data
    2153.8647  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000
    2153.7124  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000
    2153.5601  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000
    2153.4077  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000
    2153.2554  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000
    2153.1030  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000
