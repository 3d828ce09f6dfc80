# LAS format data
~Version Information
VERS.     2.00: CWLS LOG ASCII STANDARD - VERSION 2.0
WRAP.       NO: ONE LINE PER DEPTH STEP
~Well Information
#MNEM   .UNITS    DATA                           DESCRIPTION
#----   ------    ----                           -----------
STRT    .M        1456.3325                     :First Index Value
STOP    .M        1445.5122                     :Last Index Value
STEP    .M        0.0000                        :Frame Spacing
NULL    .         -999.2500                     :Absent Value
WELL    .         Well B                        :Well Name
UWI     .         3-2-B                         :UWI
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
RHOZ    .G/C3                                   :9     FDC   
CAL1    .IN                                     :10    FDC   
GRC     .GAPI                                   :11    BHC   
DTP     .US/F                                   :12    BHC   
CAL2    .IN                                     :13    BHC   
~Ascii Log Data
    1456.3325     47.010010      0.504078      0.368738  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000     55.672577    152.648804     11.929115
    1456.1802     47.649780      0.519962      0.365485  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000     57.606583    152.367432     11.805071
    1456.0276     47.365112      0.493842      0.357976  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000     53.726898    151.691498     12.013390
    1455.8752     47.566788      0.517128      0.350459  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000     51.751968    150.806458     12.021175
    1455.7229     47.721817      0.529006      0.346282  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000     54.320953    150.221832     11.614355
    1455.5706     47.326782      0.530249      0.346221  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000  -9999.000000     51.289566    152.405548     11.371607
